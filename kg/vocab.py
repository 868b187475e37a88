"""finreg vocabulary, GENERATED from ontology/finreg.ttl by scripts/generate_vocab.py.

Do not edit by hand: change the ontology and run the script. ``FR.term`` raises
AttributeError for a term the ontology does not declare, so a typo cannot mint an IRI.
"""

from pyoxigraph import NamedNode
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/finreg/ontology")
DATA = Namespace("https://w3id.org/finreg/id/")
"""Where finreg instances live: DATA["company/<slug>"]."""


class FR(DefinedNamespace):
    """Every class, property and individual of the finreg ontology."""

    _fail = True
    _NS = Namespace("https://w3id.org/finreg/ontology#")

    Alias: URIRef  # alias: Another name used to refer to the entity, such as a descriptive epith...
    BusinessCessation: URIRef  # business cessation: An entity stops carrying on business.
    BusinessTransfer: URIRef  # business transfer: One entity hands business (a product, a licenc...
    Company: URIRef  # company: A registered legal person such as a microloan company, consumer f...
    Deregistration: URIRef  # deregistration: A company's registration is cancelled and it ceases...
    Entity: URIRef  # entity: Anything the graph tracks by name: a regulator, company, group, pro...
    Establishment: URIRef  # establishment: The founding of an entity.
    Event: URIRef  # event: A regulatory or corporate event that happened at some time, with part...
    Figure: URIRef  # figure: A number about an entity, with metric, unit, date and sources, such...
    FormerName: URIRef  # former name: A name the entity bore before a rename.
    Group: URIRef  # corporate group: A corporate group: a holding company and the companies it c...
    LegalName: URIRef  # legal name: The full registered or official name.
    Licence: URIRef  # licence or qualification: A licence or qualification held by one entity an...
    LicenceGrant: URIRef  # licence grant: A regulator grants a licence or qualification to an en...
    LicenceRevocation: URIRef  # licence revocation: A licence or qualification is cancelled or r...
    Liquidation: URIRef  # liquidation: An entity begins liquidation.
    Metric: URIRef  # metric: What a figure measures, such as registered capital, net profit or l...
    Name: URIRef  # name: One name of an entity, with language tag, kind, validity and sources; a...
    NameKind: URIRef  # name kind: The kind of a name: legal, short, former, translation or alias.
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
    ShortName: URIRef  # short name: A short form used in reporting, such as "阿里小贷".
    Source: URIRef  # source: A document that asserts facts in the graph, such as a news article ...
    Stake: URIRef  # stake: One entity owns or controls another, directly or indirectly.
    Translation: URIRef  # translation: An established rendering of a name in another language.
    affects: URIRef  # affects: An entity the notice names or binds.
    amount: URIRef  # amount: The figure's number, in its unit.
    controlling: URIRef  # controlling: Whether the owner controls the owned entity; false for a ...
    date: URIRef  # date: When an event took effect or the date a figure refers to, at the precis...
    deadline: URIRef  # deadline: The date by which the event requires something to be done.
    direct: URIRef  # direct: Whether the stake is held directly; false for an indirect stake.
    figureOf: URIRef  # figure of: The entity the figure describes.
    formerOwner: URIRef  # former owner: The owner before an ownership change.
    heldBy: URIRef  # held by: The entity that holds the licence.
    holder: URIRef  # holder: The entity that gains or loses the licence in a licence event.
    issuedBy: URIRef  # issued by: The body that issued the licence or the document.
    issuer: URIRef  # issuer: The regulator that grants the licence, issues the document or takes...
    licenceType: URIRef  # licence type: What sort of licence or qualification it is, such as onl...
    locator: URIRef  # locator: Where in the source the fact is stated, such as the article's cit...
    matchKey: URIRef  # match key: The normalised form of a name (NFKC, lower case, traditional t...
    metric: URIRef  # metric: What the figure measures.
    name: URIRef  # name: A name node of the entity.
    nameKind: URIRef  # name kind: Which kind of name this is.
    notAfter: URIRef  # not after: The latest date an event can have happened, such as the first ...
    notBefore: URIRef  # not before: The earliest date an event can have happened, where only a b...
    noticeType: URIRef  # notice type: The form of a regulatory document: measures, notice, windo...
    operator: URIRef  # operator: The entity that launches or runs a product (in an event or an o...
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
    subject: URIRef  # subject: The entity the event is about: the company founded, renamed or de...
    succeededBy: URIRef  # succeeded by: A derived shortcut from transferor to transferee, materi...
    summary: URIRef  # summary: A summary of an event or document in the editors' own words, lang...
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

    Alias = NamedNode("https://w3id.org/finreg/ontology#Alias")
    BusinessCessation = NamedNode("https://w3id.org/finreg/ontology#BusinessCessation")
    BusinessTransfer = NamedNode("https://w3id.org/finreg/ontology#BusinessTransfer")
    Company = NamedNode("https://w3id.org/finreg/ontology#Company")
    Deregistration = NamedNode("https://w3id.org/finreg/ontology#Deregistration")
    Entity = NamedNode("https://w3id.org/finreg/ontology#Entity")
    Establishment = NamedNode("https://w3id.org/finreg/ontology#Establishment")
    Event = NamedNode("https://w3id.org/finreg/ontology#Event")
    Figure = NamedNode("https://w3id.org/finreg/ontology#Figure")
    FormerName = NamedNode("https://w3id.org/finreg/ontology#FormerName")
    Group = NamedNode("https://w3id.org/finreg/ontology#Group")
    LegalName = NamedNode("https://w3id.org/finreg/ontology#LegalName")
    Licence = NamedNode("https://w3id.org/finreg/ontology#Licence")
    LicenceGrant = NamedNode("https://w3id.org/finreg/ontology#LicenceGrant")
    LicenceRevocation = NamedNode("https://w3id.org/finreg/ontology#LicenceRevocation")
    Liquidation = NamedNode("https://w3id.org/finreg/ontology#Liquidation")
    Metric = NamedNode("https://w3id.org/finreg/ontology#Metric")
    Name = NamedNode("https://w3id.org/finreg/ontology#Name")
    NameKind = NamedNode("https://w3id.org/finreg/ontology#NameKind")
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
    ShortName = NamedNode("https://w3id.org/finreg/ontology#ShortName")
    Source = NamedNode("https://w3id.org/finreg/ontology#Source")
    Stake = NamedNode("https://w3id.org/finreg/ontology#Stake")
    Translation = NamedNode("https://w3id.org/finreg/ontology#Translation")
    affects = NamedNode("https://w3id.org/finreg/ontology#affects")
    amount = NamedNode("https://w3id.org/finreg/ontology#amount")
    controlling = NamedNode("https://w3id.org/finreg/ontology#controlling")
    date = NamedNode("https://w3id.org/finreg/ontology#date")
    deadline = NamedNode("https://w3id.org/finreg/ontology#deadline")
    direct = NamedNode("https://w3id.org/finreg/ontology#direct")
    figureOf = NamedNode("https://w3id.org/finreg/ontology#figureOf")
    formerOwner = NamedNode("https://w3id.org/finreg/ontology#formerOwner")
    heldBy = NamedNode("https://w3id.org/finreg/ontology#heldBy")
    holder = NamedNode("https://w3id.org/finreg/ontology#holder")
    issuedBy = NamedNode("https://w3id.org/finreg/ontology#issuedBy")
    issuer = NamedNode("https://w3id.org/finreg/ontology#issuer")
    licenceType = NamedNode("https://w3id.org/finreg/ontology#licenceType")
    locator = NamedNode("https://w3id.org/finreg/ontology#locator")
    matchKey = NamedNode("https://w3id.org/finreg/ontology#matchKey")
    metric = NamedNode("https://w3id.org/finreg/ontology#metric")
    name = NamedNode("https://w3id.org/finreg/ontology#name")
    nameKind = NamedNode("https://w3id.org/finreg/ontology#nameKind")
    notAfter = NamedNode("https://w3id.org/finreg/ontology#notAfter")
    notBefore = NamedNode("https://w3id.org/finreg/ontology#notBefore")
    noticeType = NamedNode("https://w3id.org/finreg/ontology#noticeType")
    operator = NamedNode("https://w3id.org/finreg/ontology#operator")
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
    subject = NamedNode("https://w3id.org/finreg/ontology#subject")
    succeededBy = NamedNode("https://w3id.org/finreg/ontology#succeededBy")
    summary = NamedNode("https://w3id.org/finreg/ontology#summary")
    transferee = NamedNode("https://w3id.org/finreg/ontology#transferee")
    transferor = NamedNode("https://w3id.org/finreg/ontology#transferor")
    transferredScope = NamedNode("https://w3id.org/finreg/ontology#transferredScope")
    unit = NamedNode("https://w3id.org/finreg/ontology#unit")
    url = NamedNode("https://w3id.org/finreg/ontology#url")
    validFrom = NamedNode("https://w3id.org/finreg/ontology#validFrom")
    validTo = NamedNode("https://w3id.org/finreg/ontology#validTo")
    value = NamedNode("https://w3id.org/finreg/ontology#value")
