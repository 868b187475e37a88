"""finreg vocabulary, GENERATED from ontology/finreg.ttl by scripts/generate_vocab.py.

Do not edit by hand: change the ontology and run the script. ``FR.term`` raises
AttributeError for a term the ontology does not declare, so a typo cannot mint an IRI.
"""

from pyoxigraph import NamedNode
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/finreg/ontology")
NAMESPACE = "https://w3id.org/finreg/ontology#"
"""The namespace of finreg's terms."""
DATA = Namespace("https://w3id.org/finreg/id/")
"""Where finreg instances live: DATA["company/<slug>"]."""

ENTITY_CLASSES: tuple[str, ...] = (
    "Company",
    "Group",
    "Licence",
    "Notice",
    "Product",
    "Regulator",
    "Sector",
)
"""Subclasses of fr:Entity (local names)."""

EVENT_CLASSES: tuple[str, ...] = (
    "BusinessCessation",
    "BusinessTransfer",
    "Deregistration",
    "Establishment",
    "LicenceGrant",
    "LicenceRevocation",
    "Liquidation",
    "NoticeIssued",
    "OtherEvent",
    "OwnershipChange",
    "ProductLaunch",
    "Rename",
)
"""Subclasses of fr:Event (local names)."""

RELATIONSHIP_CLASSES: tuple[str, ...] = (
    "Operation",
    "Partnership",
    "Stake",
)
"""Subclasses of fr:Relationship (local names)."""

ROLES: tuple[str, ...] = (
    "subject",
    "transferor",
    "transferee",
    "transferredScope",
    "holder",
    "issuer",
    "operator",
    "owner",
    "formerOwner",
)
"""Participant roles: subproperties of fr:participant, in the order an event lists them (fr:listOrder)."""

COMPARATORS: tuple[str, ...] = (
    "About",
    "AtLeast",
    "AtMost",
    "LessThan",
    "MoreThan",
    "Nearly",
)
"""fr:Comparator individuals (local names)."""

NAME_KINDS: tuple[str, ...] = (
    "LegalName",
    "ShortName",
    "Translation",
    "Alias",
    "FormerName",
)
"""fr:NameKind individuals, in the order they label an entity (fr:labelPreference)."""

LABELS: dict[str, tuple[str, str]] = {
    'About': ('约', 'about'),
    'Alias': ('别名', 'alias'),
    'AtLeast': ('不少于', 'at least'),
    'AtMost': ('不超过', 'at most'),
    'BusinessCessation': ('停止经营', 'business cessation'),
    'BusinessTransfer': ('业务承接', 'business transfer'),
    'Company': ('公司', 'company'),
    'Comparator': ('比较关系', 'comparator'),
    'Deregistration': ('注销', 'deregistration'),
    'Entity': ('实体', 'entity'),
    'Establishment': ('成立', 'establishment'),
    'Event': ('事件', 'event'),
    'Figure': ('数据', 'figure'),
    'FormerName': ('曾用名', 'former name'),
    'Group': ('企业集团', 'corporate group'),
    'Inference': ('推断', 'inference'),
    'LegalName': ('法定名称', 'legal name'),
    'LessThan': ('低于', 'less than'),
    'Licence': ('牌照或资格', 'licence or qualification'),
    'LicenceGrant': ('牌照获批', 'licence grant'),
    'LicenceRevocation': ('牌照取消', 'licence revocation'),
    'Liquidation': ('清算', 'liquidation'),
    'Metric': ('指标', 'metric'),
    'MoreThan': ('超过', 'more than'),
    'Name': ('名称', 'name'),
    'NameKind': ('名称种类', 'name kind'),
    'Nearly': ('接近', 'nearly'),
    'Notice': ('监管文件', 'regulatory notice'),
    'NoticeIssued': ('文件发布', 'notice issued'),
    'Operation': ('运营', 'operation'),
    'OtherEvent': ('其他事件', 'other event'),
    'OwnershipChange': ('股权变更', 'ownership change'),
    'Partnership': ('合作', 'partnership'),
    'Product': ('产品', 'product'),
    'ProductLaunch': ('产品发布', 'product launch'),
    'Regulator': ('监管机构', 'regulator'),
    'Relationship': ('关系', 'relationship'),
    'Rename': ('更名', 'rename'),
    'Sector': ('行业总体', 'sector'),
    'ShortName': ('简称', 'short name'),
    'Source': ('来源', 'source'),
    'Stake': ('持股', 'stake'),
    'Translation': ('译名', 'translation'),
    'affects': ('影响', 'affects'),
    'amount': ('数值', 'amount'),
    'basis': ('推断依据', 'basis'),
    'comparator': ('比较关系', 'comparator'),
    'conflictsWith': ('相互矛盾', 'conflicts with'),
    'controlling': ('控股', 'controlling'),
    'date': ('日期', 'date'),
    'deadline': ('期限', 'deadline'),
    'direct': ('直接持有', 'direct'),
    'effectiveFrom': ('施行日期', 'effective from'),
    'endNotAfter': ('最晚终止于', 'ended by'),
    'figureOf': ('所属实体', 'figure of'),
    'formerOwner': ('原所有者', 'former owner'),
    'heldBy': ('持有人', 'held by'),
    'holder': ('持有方', 'holder'),
    'inference': ('推断', 'inference'),
    'inferredProperty': ('推断的属性', 'inferred property'),
    'issuedBy': ('颁发或发布机构', 'issued by'),
    'issuer': ('发布方', 'issuer'),
    'labelPreference': ('标签优先级', 'label preference'),
    'licenceType': ('牌照类型', 'licence type'),
    'listOrder': ('列出次序', 'list order'),
    'locator': ('引用位置', 'locator'),
    'matchKey': ('匹配键', 'match key'),
    'metric': ('指标', 'metric'),
    'name': ('名称', 'name'),
    'nameKind': ('名称种类', 'name kind'),
    'notAfter': ('不晚于', 'not after'),
    'notBefore': ('不早于', 'not before'),
    'noticeType': ('文件类型', 'notice type'),
    'operator': ('运营方', 'operator'),
    'orderKey': ('排序键', 'order key'),
    'owned': ('被持有方', 'owned'),
    'owner': ('所有者', 'owner'),
    'participant': ('参与方', 'participant'),
    'partner': ('合作方', 'partner'),
    'partnerOf': ('合作对象', 'partner of'),
    'periodStart': ('期间起点', 'period start'),
    'pinyinKey': ('拼音键', 'pinyin key'),
    'product': ('产品', 'product'),
    'reason': ('原因', 'reason'),
    'scopeNote': ('范围说明', 'scope note'),
    'states': ('陈述', 'states'),
    'subject': ('主体', 'subject'),
    'succeededBy': ('由……承接', 'succeeded by'),
    'summary': ('摘要', 'summary'),
    'supersedes': ('取代', 'supersedes'),
    'transferee': ('承接方', 'transferee'),
    'transferor': ('转出方', 'transferor'),
    'transferredScope': ('转移范围', 'transferred scope'),
    'unit': ('单位', 'unit'),
    'url': ('网址', 'URL'),
    'validFrom': ('起始', 'valid from'),
    'validTo': ('终止', 'valid to'),
    'value': ('名称文字', 'value'),
}
"""The ontology's rdfs:label of each term: (zh, en)."""

DEFINITIONS: dict[str, tuple[str, str]] = {
    'About': ('所给数值是近似值，例如“约34岁”。', 'The amount is an approximation, as in "about 34 years".'),
    'Alias': ('报道中用以指称实体的其他名称，例如“原借呗运营主体”。', 'Another name used to refer to the entity, such as a descriptive epithet in a report.'),
    'AtLeast': ('实际数值不小于所给数值，例如“及以上”。', 'The true value is no less than the amount, as in "and above".'),
    'AtMost': ('实际数值不大于所给数值，例如“20%以内”。', 'The true value is no greater than the amount, as in "within 20%".'),
    'BusinessCessation': ('实体停止开展实际业务。', 'An entity stops carrying on business.'),
    'BusinessTransfer': ('一个实体把业务（产品、牌照或业务线）交给另一个实体承接；转出方可能继续存在。', 'One entity hands business (a product, a licence or a business line) over to another; the transferor may live on.'),
    'Company': ('在工商登记的法人公司，例如小额贷款公司、消费金融公司或银行。', 'A registered legal person such as a microloan company, consumer finance company or bank.'),
    'Comparator': ('来源只给出界限或近似值时，数据的数值与实际数值的关系，例如“超过”“以内”“约”。', "How a figure's amount relates to the true value where the source gives only a bound or an approximation, such as more than, at most or about."),
    'Deregistration': ('公司登记被注销，实体不复存在。', "A company's registration is cancelled and it ceases to exist."),
    'Entity': ('图谱追踪的任何主体或对象：监管机构、公司、集团、产品、牌照、监管文件或作为整体统计的行业。', 'Anything the graph tracks by name: a regulator, company, group, product, licence, regulatory notice or a sector counted as a whole.'),
    'Establishment': ('实体的成立或设立。', 'The founding of an entity.'),
    'Event': ('发生在某一时间、有参与方和来源的监管或公司事件。', 'A regulatory or corporate event that happened at some time, with participants in roles and sources.'),
    'Figure': ('关于实体的一个数值，带指标、单位、日期和来源，例如总资产或平均利率。', 'A number about an entity, with metric, unit, date and sources, such as total assets or an average rate.'),
    'FormerName': ('实体更名前使用过的名称。', 'A name the entity bore before a rename.'),
    'Group': ('由一家控股公司及其控制的公司组成的企业集团，例如蚂蚁集团、腾讯、搜狐。', 'A corporate group: a holding company and the companies it controls, such as Ant Group, Tencent or Sohu.'),
    'Inference': ('编者而非来源得出的结论：事实本身，或它的某个属性（例如日期），附推断依据。', 'A conclusion the editors drew rather than one a source states: the fact itself, or one of its properties such as a date, with the basis for it.'),
    'LegalName': ('登记或正式文件中的全称。', 'The full registered or official name.'),
    'LessThan': ('实际数值小于所给数值，例如“低于1.5%”。', 'The true value is below the amount, as in "below 1.5%".'),
    'Licence': ('由监管机构颁发、由一个实体持有的牌照或经营资格。', 'A licence or qualification held by one entity and issued by a regulator.'),
    'LicenceGrant': ('监管机构向实体颁发牌照或资格。', 'A regulator grants a licence or qualification to an entity.'),
    'LicenceRevocation': ('牌照或资格被取消或吊销。', 'A licence or qualification is cancelled or revoked.'),
    'Liquidation': ('实体启动清算程序。', 'An entity begins liquidation.'),
    'Metric': ('数据所度量的量，例如注册资本、净利润、贷款余额。', 'What a figure measures, such as registered capital, net profit or loan balance.'),
    'MoreThan': ('实际数值大于所给数值，例如“超300家”“超过8亿”。', 'The true value is greater than the amount, as in "more than 300".'),
    'Name': ('实体的一个名称，带语言标签、种类、有效期和来源；更名改变名称而不改变实体。', 'One name of an entity, with language tag, kind, validity and sources; a rename changes a name, never the entity.'),
    'NameKind': ('名称的种类：法定名称、简称、曾用名、译名或别名。', 'The kind of a name: legal, short, former, translation or alias.'),
    'Nearly': ('实际数值接近但略低于所给数值，例如“近9亿”。', 'The true value is close to but just under the amount, as in "nearly 900 million".'),
    'Notice': ('监管文件：办法、通知、窗口指导或名单。', 'A regulatory document: measures, a notice, window guidance or a list.'),
    'NoticeIssued': ('监管机构发布监管文件。', 'A regulator issues a regulatory document.'),
    'Operation': ('一个实体作为运营主体经营某个产品。', 'An entity runs a product as its operator.'),
    'OtherEvent': ('不属于以上种类的事件，例如组织架构调整。', 'An event of no kind above, such as an internal reorganisation.'),
    'OwnershipChange': ('实体的所有者或控制人发生变化。', 'The owners or controllers of an entity change.'),
    'Partnership': ('一个实体与另一实体合作，例如为其产品提供资金的持牌机构。', 'One entity works with another, such as a licensed lender funding its product.'),
    'Product': ('一个品牌、服务或业务线，例如花呗、借呗、分付；产品从来不是公司。', 'A brand, service or business line such as Huabei, Jiebei or Fenfu; a product is never a company.'),
    'ProductLaunch': ('实体推出一个产品或服务。', 'An entity launches a product or service.'),
    'Regulator': ('颁发牌照、发布监管文件或实施监管的政府机构。', 'A government body that grants licences, issues regulatory documents or supervises lenders.'),
    'Relationship': ('两个实体之间在一段时间内成立的关系，带来源。', 'A relation between two entities that holds over a period, with sources.'),
    'Rename': ('实体更改名称；实体本身不变。', 'An entity changes its name; the entity itself stays the same.'),
    'Sector': ('作为整体统计的一个行业或群体，例如全国小额贷款公司；它的数据是行业数据。', "An industry or population counted as a whole, such as all microloan companies in China; its figures are the sector's figures."),
    'ShortName': ('报道中常用的简称，例如“阿里小贷”。', 'A short form used in reporting, such as "阿里小贷".'),
    'Source': ('陈述图中事实的文档，例如新闻报道或监管机构的网页，带有标题、发布者和发布日期。', "A document that asserts facts in the graph, such as a news article or a regulator's page, with title, publisher and publication date."),
    'Stake': ('一个实体直接或间接持有另一个实体的股权或控制权。', 'One entity owns or controls another, directly or indirectly.'),
    'Translation': ('名称在另一种语言中的既定译法。', 'An established rendering of a name in another language.'),
    'affects': ('监管文件点名或约束的实体。', 'An entity the notice names or binds.'),
    'amount': ('数据的数值，以所给单位计。', "The figure's number, in its unit."),
    'basis': ('推断所依据的内容，用编者自己的话写成，带语言标签。', "What the inference rests on, in the editors' own words, language-tagged."),
    'comparator': ('数值是界限或近似值时，它与实际数值的关系；缺省时数值即来源所报的确切数值。', 'How the amount relates to the true value where it is a bound or an approximation; with none, the amount is exact as reported.'),
    'conflictsWith': ('关于同一事实、与本说法不一致的另一说法；两者都保留，各有来源。', 'Another claim about the same fact that disagrees with this one; both are kept, each with its sources.'),
    'controlling': ('所有者是否控制被持有方（控股）；仅参股时为假。', 'Whether the owner controls the owned entity; false for a minority stake.'),
    'date': ('事件生效或数据所指的日期，保持来源给出的精度（年、年月或日）。', 'When an event took effect or the date a figure refers to, at the precision the sources give (year, month or day).'),
    'deadline': ('事件或监管文件要求某事必须完成的最后日期。', 'The date by which the event or the notice requires something to be done.'),
    'direct': ('持股是否为直接持有；间接持有时为假。', 'Whether the stake is held directly; false for an indirect stake.'),
    'effectiveFrom': ('监管文件的要求开始适用的日期。', "When the notice's requirements start to apply."),
    'endNotAfter': ('关系不再成立或牌照失效的最晚日期，仅知上界时使用。', 'The latest date by which a relationship had ceased to hold or a licence had lapsed, where only that bound is known.'),
    'figureOf': ('数据描述的实体。', 'The entity the figure describes.'),
    'formerOwner': ('股权变更前的所有者。', 'The owner before an ownership change.'),
    'heldBy': ('持有牌照的实体。', 'The entity that holds the licence.'),
    'holder': ('在牌照事件中获得或失去牌照的实体。', 'The entity that gains or loses the licence in a licence event.'),
    'inference': ('编者对这一事实所作的推断。', 'An inference the editors made about this fact.'),
    'inferredProperty': ('编者推断出其值的属性，例如 fr:notAfter；缺省时整个事实都是推断。', 'The property whose value the editors inferred, such as fr:notAfter; with none, the whole fact is inferred.'),
    'issuedBy': ('颁发牌照或发布文件的机构。', 'The body that issued the licence or the document.'),
    'issuer': ('颁发牌照、发布文件或作出决定的监管机构。', 'The regulator that grants the licence, issues the document or takes the decision.'),
    'labelPreference': ('名称种类作为实体显示名称的先后次序，数字越小越优先（法定名称为 1）。', 'The order in which a kind of name labels an entity; the lowest number goes first (legal name 1).'),
    'licenceType': ('牌照或资格的类别，例如“网络小额贷款业务资格”。', 'What sort of licence or qualification it is, such as online microlending.'),
    'listOrder': ('事件列出参与方时该角色的先后次序，数字越小越靠前（主体为 1）。', 'The place a role takes when an event lists its participants; the lowest number goes first (subject 1).'),
    'locator': ('来源中支持该事实的位置，例如文章的引用标记“[7]”。', 'Where in the source the fact is stated, such as the article\'s citation marker "[7]".'),
    'matchKey': ('名称归一化后的形式（NFKC、小写、繁转简、去空格与括号），加载时计算，文件中不应给出。', 'The normalised form of a name (NFKC, lower case, traditional to simplified, no spaces or brackets), computed on load; files should not state it.'),
    'metric': ('数据度量的是什么。', 'What the figure measures.'),
    'name': ('实体的一个名称节点。', 'A name node of the entity.'),
    'nameKind': ('名称属于哪一种。', 'Which kind of name this is.'),
    'notAfter': ('事件最晚可能发生的日期，例如首次报道它的日期。', 'The latest date an event can have happened, such as the first report of it.'),
    'notBefore': ('事件最早可能发生的日期，仅知下界时使用。', 'The earliest date an event can have happened, where only a bound is known.'),
    'noticeType': ('监管文件的形式：办法、通知、窗口指导、名单等。', 'The form of a regulatory document: measures, notice, window guidance, list and so on.'),
    'operator': ('推出或运营产品的实体（在事件中或运营关系中）。', 'The entity that launches or runs a product (in an event or an operation).'),
    'orderKey': ('派生捷径：按“最新在前”排列事件所用的文字，由事件的日期（其时段的最后一天）或不晚于日期在加载时推导，较精确者在前，无日期者在后；日期才是真相，文件中不应给出。', "A derived shortcut: the text events are ordered newest first by, materialised on load from the event's date (the last day of its period) or its fr:notAfter, finer precision first, undated events last; the dates stay the truth, and files should not state it."),
    'owned': ('持股关系中被持有或被控制的实体。', 'The entity owned or controlled in a stake.'),
    'owner': ('持股关系或股权变更中的（新）所有者。', 'The (new) owner in a stake or an ownership change.'),
    'participant': ('以某种角色参与事件的实体；各角色属性是它的子属性。', 'An entity that takes part in an event in some role; each role property is a subproperty.'),
    'partner': ('合作关系中提供资金或服务的一方，例如出资的持牌机构。', 'The party that provides funding or services in a partnership, such as a licensed lender.'),
    'partnerOf': ('合作关系中得到资金或服务的一方（公司或产品）。', 'The party that is funded or served in a partnership (a company or a product).'),
    'periodStart': ('数据为期间累计值时期间的起点；数据日期为终点。', "Where a figure covers a period, its start; the figure's date is the end."),
    'pinyinKey': ('中文名称的无声调拼音，加载时计算，文件中不应给出。', 'The toneless pinyin of a Chinese name, computed on load; files should not state it.'),
    'product': ('运营关系中被运营的产品。', 'The product run in an operation.'),
    'reason': ('来源给出的事件原因，例如“决议解散”。', 'The reason the sources give for an event, such as dissolution by resolution.'),
    'scopeNote': ('来源对转移范围的文字描述，例如“全部业务”，用于范围不是具名产品时。', 'The sources\' words for what moved, such as "all business", where it is no named product.'),
    'states': ('来源在该位置陈述了事实的哪个属性，例如日期；未列出时，该来源只支持事实本身的存在。', 'Which property of the fact the source states at that place, such as its date; with none listed, the source supports only that the fact exists.'),
    'subject': ('事件所涉及的实体：成立、更名、注销的公司，被颁发或取消的牌照，被发布的文件，被推出的产品。', 'The entity the event is about: the company founded, renamed or deregistered, the licence granted or revoked, the notice issued, the product launched.'),
    'succeededBy': ('派生捷径：转出方的业务由承接方承接；由业务承接事件在加载时推导，事件才是真相。', 'A derived shortcut from transferor to transferee, materialised on load from business transfer events, which stay the truth.'),
    'summary': ('用编者自己的话写成的事件或文件摘要，带语言标签。', "A summary of an event or document in the editors' own words, language-tagged."),
    'supersedes': ('本文件取代的较早监管文件。', 'An earlier notice this one replaces.'),
    'transferee': ('承接业务的实体。', 'The entity that takes business over.'),
    'transferor': ('交出业务的实体。', 'The entity that hands business over.'),
    'transferredScope': ('业务承接中转移的内容：产品、牌照或业务线。', 'What moved in a business transfer: a product, a licence or a business line.'),
    'unit': ('数值的单位，例如 CNY、percent、count、CNY-per-loan。', 'The unit of the amount, such as CNY, percent, count or days.'),
    'url': ('来源可被访问的网址。', 'Where the source can be read.'),
    'validFrom': ('名称或关系开始成立的日期。', 'When a name or relationship began to hold.'),
    'validTo': ('名称或关系不再成立的日期。', 'When a name or relationship ceased to hold.'),
    'value': ('名称的文字，带语言标签。', 'The text of a name, language-tagged.'),
}
"""The ontology's skos:definition of each term: (zh, en)."""


class FR(DefinedNamespace):
    """Every class, property and individual of the finreg ontology."""

    _fail = True
    _NS = Namespace("https://w3id.org/finreg/ontology#")

    About: URIRef  # about: The amount is an approximation, as in "about 34 years".
    Alias: URIRef  # alias: Another name used to refer to the entity, such as a descriptive epith...
    AtLeast: URIRef  # at least: The true value is no less than the amount, as in "and above".
    AtMost: URIRef  # at most: The true value is no greater than the amount, as in "within 20%".
    BusinessCessation: URIRef  # business cessation: An entity stops carrying on business.
    BusinessTransfer: URIRef  # business transfer: One entity hands business (a product, a licenc...
    Company: URIRef  # company: A registered legal person such as a microloan company, consumer f...
    Comparator: URIRef  # comparator: How a figure's amount relates to the true value where the s...
    Deregistration: URIRef  # deregistration: A company's registration is cancelled and it ceases...
    Entity: URIRef  # entity: Anything the graph tracks by name: a regulator, company, group, pro...
    Establishment: URIRef  # establishment: The founding of an entity.
    Event: URIRef  # event: A regulatory or corporate event that happened at some time, with part...
    Figure: URIRef  # figure: A number about an entity, with metric, unit, date and sources, such...
    FormerName: URIRef  # former name: A name the entity bore before a rename.
    Group: URIRef  # corporate group: A corporate group: a holding company and the companies it c...
    Inference: URIRef  # inference: A conclusion the editors drew rather than one a source states...
    LegalName: URIRef  # legal name: The full registered or official name.
    LessThan: URIRef  # less than: The true value is below the amount, as in "below 1.5%".
    Licence: URIRef  # licence or qualification: A licence or qualification held by one entity an...
    LicenceGrant: URIRef  # licence grant: A regulator grants a licence or qualification to an en...
    LicenceRevocation: URIRef  # licence revocation: A licence or qualification is cancelled or r...
    Liquidation: URIRef  # liquidation: An entity begins liquidation.
    Metric: URIRef  # metric: What a figure measures, such as registered capital, net profit or l...
    MoreThan: URIRef  # more than: The true value is greater than the amount, as in "more than 300".
    Name: URIRef  # name: One name of an entity, with language tag, kind, validity and sources; a...
    NameKind: URIRef  # name kind: The kind of a name: legal, short, former, translation or alias.
    Nearly: URIRef  # nearly: The true value is close to but just under the amount, as in "nearly...
    Notice: URIRef  # regulatory notice: A regulatory document: measures, a notice, window guidan...
    NoticeIssued: URIRef  # notice issued: A regulator issues a regulatory document.
    Operation: URIRef  # operation: An entity runs a product as its operator.
    OtherEvent: URIRef  # other event: An event of no kind above, such as an internal reorganisat...
    OwnershipChange: URIRef  # ownership change: The owners or controllers of an entity change.
    Partnership: URIRef  # partnership: One entity works with another, such as a licensed lender ...
    Product: URIRef  # product: A brand, service or business line such as Huabei, Jiebei or Fenfu...
    ProductLaunch: URIRef  # product launch: An entity launches a product or service.
    Regulator: URIRef  # regulator: A government body that grants licences, issues regulatory doc...
    Relationship: URIRef  # relationship: A relation between two entities that holds over a perio...
    Rename: URIRef  # rename: An entity changes its name; the entity itself stays the same.
    Sector: URIRef  # sector: An industry or population counted as a whole, such as all microloan...
    ShortName: URIRef  # short name: A short form used in reporting, such as "阿里小贷".
    Source: URIRef  # source: A document that asserts facts in the graph, such as a news article ...
    Stake: URIRef  # stake: One entity owns or controls another, directly or indirectly.
    Translation: URIRef  # translation: An established rendering of a name in another language.
    affects: URIRef  # affects: An entity the notice names or binds.
    amount: URIRef  # amount: The figure's number, in its unit.
    basis: URIRef  # basis: What the inference rests on, in the editors' own words, language-tagged.
    comparator: URIRef  # comparator: How the amount relates to the true value where it is a boun...
    conflictsWith: URIRef  # conflicts with: Another claim about the same fact that disagrees wit...
    controlling: URIRef  # controlling: Whether the owner controls the owned entity; false for a ...
    date: URIRef  # date: When an event took effect or the date a figure refers to, at the precis...
    deadline: URIRef  # deadline: The date by which the event or the notice requires something to...
    direct: URIRef  # direct: Whether the stake is held directly; false for an indirect stake.
    effectiveFrom: URIRef  # effective from: When the notice's requirements start to apply.
    endNotAfter: URIRef  # ended by: The latest date by which a relationship had ceased to hold o...
    figureOf: URIRef  # figure of: The entity the figure describes.
    formerOwner: URIRef  # former owner: The owner before an ownership change.
    heldBy: URIRef  # held by: The entity that holds the licence.
    holder: URIRef  # holder: The entity that gains or loses the licence in a licence event.
    inference: URIRef  # inference: An inference the editors made about this fact.
    inferredProperty: URIRef  # inferred property: The property whose value the editors inferred,...
    issuedBy: URIRef  # issued by: The body that issued the licence or the document.
    issuer: URIRef  # issuer: The regulator that grants the licence, issues the document or takes...
    labelPreference: URIRef  # label preference: The order in which a kind of name labels an enti...
    licenceType: URIRef  # licence type: What sort of licence or qualification it is, such as onl...
    listOrder: URIRef  # list order: The place a role takes when an event lists its participants;...
    locator: URIRef  # locator: Where in the source the fact is stated, such as the article's cit...
    matchKey: URIRef  # match key: The normalised form of a name (NFKC, lower case, traditional t...
    metric: URIRef  # metric: What the figure measures.
    name: URIRef  # name: A name node of the entity.
    nameKind: URIRef  # name kind: Which kind of name this is.
    notAfter: URIRef  # not after: The latest date an event can have happened, such as the first ...
    notBefore: URIRef  # not before: The earliest date an event can have happened, where only a b...
    noticeType: URIRef  # notice type: The form of a regulatory document: measures, notice, windo...
    operator: URIRef  # operator: The entity that launches or runs a product (in an event or an o...
    orderKey: URIRef  # order key: A derived shortcut: the text events are ordered newest first b...
    owned: URIRef  # owned: The entity owned or controlled in a stake.
    owner: URIRef  # owner: The (new) owner in a stake or an ownership change.
    participant: URIRef  # participant: An entity that takes part in an event in some role; each ...
    partner: URIRef  # partner: The party that provides funding or services in a partnership, suc...
    partnerOf: URIRef  # partner of: The party that is funded or served in a partnership (a compa...
    periodStart: URIRef  # period start: Where a figure covers a period, its start; the figure's ...
    pinyinKey: URIRef  # pinyin key: The toneless pinyin of a Chinese name, computed on load; fil...
    product: URIRef  # product: The product run in an operation.
    reason: URIRef  # reason: The reason the sources give for an event, such as dissolution by re...
    scopeNote: URIRef  # scope note: The sources' words for what moved, such as "all business", w...
    states: URIRef  # states: Which property of the fact the source states at that place, such as...
    subject: URIRef  # subject: The entity the event is about: the company founded, renamed or de...
    succeededBy: URIRef  # succeeded by: A derived shortcut from transferor to transferee, materi...
    summary: URIRef  # summary: A summary of an event or document in the editors' own words, lang...
    supersedes: URIRef  # supersedes: An earlier notice this one replaces.
    transferee: URIRef  # transferee: The entity that takes business over.
    transferor: URIRef  # transferor: The entity that hands business over.
    transferredScope: URIRef  # transferred scope: What moved in a business transfer: a product, ...
    unit: URIRef  # unit: The unit of the amount, such as CNY, percent, count or days.
    url: URIRef  # URL: Where the source can be read.
    validFrom: URIRef  # valid from: When a name or relationship began to hold.
    validTo: URIRef  # valid to: When a name or relationship ceased to hold.
    value: URIRef  # value: The text of a name, language-tagged.


class FRN:
    """The same terms as pyoxigraph NamedNodes, the store's own term type."""

    About = NamedNode("https://w3id.org/finreg/ontology#About")
    Alias = NamedNode("https://w3id.org/finreg/ontology#Alias")
    AtLeast = NamedNode("https://w3id.org/finreg/ontology#AtLeast")
    AtMost = NamedNode("https://w3id.org/finreg/ontology#AtMost")
    BusinessCessation = NamedNode("https://w3id.org/finreg/ontology#BusinessCessation")
    BusinessTransfer = NamedNode("https://w3id.org/finreg/ontology#BusinessTransfer")
    Company = NamedNode("https://w3id.org/finreg/ontology#Company")
    Comparator = NamedNode("https://w3id.org/finreg/ontology#Comparator")
    Deregistration = NamedNode("https://w3id.org/finreg/ontology#Deregistration")
    Entity = NamedNode("https://w3id.org/finreg/ontology#Entity")
    Establishment = NamedNode("https://w3id.org/finreg/ontology#Establishment")
    Event = NamedNode("https://w3id.org/finreg/ontology#Event")
    Figure = NamedNode("https://w3id.org/finreg/ontology#Figure")
    FormerName = NamedNode("https://w3id.org/finreg/ontology#FormerName")
    Group = NamedNode("https://w3id.org/finreg/ontology#Group")
    Inference = NamedNode("https://w3id.org/finreg/ontology#Inference")
    LegalName = NamedNode("https://w3id.org/finreg/ontology#LegalName")
    LessThan = NamedNode("https://w3id.org/finreg/ontology#LessThan")
    Licence = NamedNode("https://w3id.org/finreg/ontology#Licence")
    LicenceGrant = NamedNode("https://w3id.org/finreg/ontology#LicenceGrant")
    LicenceRevocation = NamedNode("https://w3id.org/finreg/ontology#LicenceRevocation")
    Liquidation = NamedNode("https://w3id.org/finreg/ontology#Liquidation")
    Metric = NamedNode("https://w3id.org/finreg/ontology#Metric")
    MoreThan = NamedNode("https://w3id.org/finreg/ontology#MoreThan")
    Name = NamedNode("https://w3id.org/finreg/ontology#Name")
    NameKind = NamedNode("https://w3id.org/finreg/ontology#NameKind")
    Nearly = NamedNode("https://w3id.org/finreg/ontology#Nearly")
    Notice = NamedNode("https://w3id.org/finreg/ontology#Notice")
    NoticeIssued = NamedNode("https://w3id.org/finreg/ontology#NoticeIssued")
    Operation = NamedNode("https://w3id.org/finreg/ontology#Operation")
    OtherEvent = NamedNode("https://w3id.org/finreg/ontology#OtherEvent")
    OwnershipChange = NamedNode("https://w3id.org/finreg/ontology#OwnershipChange")
    Partnership = NamedNode("https://w3id.org/finreg/ontology#Partnership")
    Product = NamedNode("https://w3id.org/finreg/ontology#Product")
    ProductLaunch = NamedNode("https://w3id.org/finreg/ontology#ProductLaunch")
    Regulator = NamedNode("https://w3id.org/finreg/ontology#Regulator")
    Relationship = NamedNode("https://w3id.org/finreg/ontology#Relationship")
    Rename = NamedNode("https://w3id.org/finreg/ontology#Rename")
    Sector = NamedNode("https://w3id.org/finreg/ontology#Sector")
    ShortName = NamedNode("https://w3id.org/finreg/ontology#ShortName")
    Source = NamedNode("https://w3id.org/finreg/ontology#Source")
    Stake = NamedNode("https://w3id.org/finreg/ontology#Stake")
    Translation = NamedNode("https://w3id.org/finreg/ontology#Translation")
    affects = NamedNode("https://w3id.org/finreg/ontology#affects")
    amount = NamedNode("https://w3id.org/finreg/ontology#amount")
    basis = NamedNode("https://w3id.org/finreg/ontology#basis")
    comparator = NamedNode("https://w3id.org/finreg/ontology#comparator")
    conflictsWith = NamedNode("https://w3id.org/finreg/ontology#conflictsWith")
    controlling = NamedNode("https://w3id.org/finreg/ontology#controlling")
    date = NamedNode("https://w3id.org/finreg/ontology#date")
    deadline = NamedNode("https://w3id.org/finreg/ontology#deadline")
    direct = NamedNode("https://w3id.org/finreg/ontology#direct")
    effectiveFrom = NamedNode("https://w3id.org/finreg/ontology#effectiveFrom")
    endNotAfter = NamedNode("https://w3id.org/finreg/ontology#endNotAfter")
    figureOf = NamedNode("https://w3id.org/finreg/ontology#figureOf")
    formerOwner = NamedNode("https://w3id.org/finreg/ontology#formerOwner")
    heldBy = NamedNode("https://w3id.org/finreg/ontology#heldBy")
    holder = NamedNode("https://w3id.org/finreg/ontology#holder")
    inference = NamedNode("https://w3id.org/finreg/ontology#inference")
    inferredProperty = NamedNode("https://w3id.org/finreg/ontology#inferredProperty")
    issuedBy = NamedNode("https://w3id.org/finreg/ontology#issuedBy")
    issuer = NamedNode("https://w3id.org/finreg/ontology#issuer")
    labelPreference = NamedNode("https://w3id.org/finreg/ontology#labelPreference")
    licenceType = NamedNode("https://w3id.org/finreg/ontology#licenceType")
    listOrder = NamedNode("https://w3id.org/finreg/ontology#listOrder")
    locator = NamedNode("https://w3id.org/finreg/ontology#locator")
    matchKey = NamedNode("https://w3id.org/finreg/ontology#matchKey")
    metric = NamedNode("https://w3id.org/finreg/ontology#metric")
    name = NamedNode("https://w3id.org/finreg/ontology#name")
    nameKind = NamedNode("https://w3id.org/finreg/ontology#nameKind")
    notAfter = NamedNode("https://w3id.org/finreg/ontology#notAfter")
    notBefore = NamedNode("https://w3id.org/finreg/ontology#notBefore")
    noticeType = NamedNode("https://w3id.org/finreg/ontology#noticeType")
    operator = NamedNode("https://w3id.org/finreg/ontology#operator")
    orderKey = NamedNode("https://w3id.org/finreg/ontology#orderKey")
    owned = NamedNode("https://w3id.org/finreg/ontology#owned")
    owner = NamedNode("https://w3id.org/finreg/ontology#owner")
    participant = NamedNode("https://w3id.org/finreg/ontology#participant")
    partner = NamedNode("https://w3id.org/finreg/ontology#partner")
    partnerOf = NamedNode("https://w3id.org/finreg/ontology#partnerOf")
    periodStart = NamedNode("https://w3id.org/finreg/ontology#periodStart")
    pinyinKey = NamedNode("https://w3id.org/finreg/ontology#pinyinKey")
    product = NamedNode("https://w3id.org/finreg/ontology#product")
    reason = NamedNode("https://w3id.org/finreg/ontology#reason")
    scopeNote = NamedNode("https://w3id.org/finreg/ontology#scopeNote")
    states = NamedNode("https://w3id.org/finreg/ontology#states")
    subject = NamedNode("https://w3id.org/finreg/ontology#subject")
    succeededBy = NamedNode("https://w3id.org/finreg/ontology#succeededBy")
    summary = NamedNode("https://w3id.org/finreg/ontology#summary")
    supersedes = NamedNode("https://w3id.org/finreg/ontology#supersedes")
    transferee = NamedNode("https://w3id.org/finreg/ontology#transferee")
    transferor = NamedNode("https://w3id.org/finreg/ontology#transferor")
    transferredScope = NamedNode("https://w3id.org/finreg/ontology#transferredScope")
    unit = NamedNode("https://w3id.org/finreg/ontology#unit")
    url = NamedNode("https://w3id.org/finreg/ontology#url")
    validFrom = NamedNode("https://w3id.org/finreg/ontology#validFrom")
    validTo = NamedNode("https://w3id.org/finreg/ontology#validTo")
    value = NamedNode("https://w3id.org/finreg/ontology#value")
