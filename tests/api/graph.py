"""A small graph in inline Turtle for the API tests: every entity kind, every link the API reads."""

from __future__ import annotations

from tests.conftest import PREFIXES, stated_by

API_PREFIXES = (
    PREFIXES
    + """@prefix regulator: <https://w3id.org/finreg/id/regulator/> .
@prefix group: <https://w3id.org/finreg/id/group/> .
@prefix licence: <https://w3id.org/finreg/id/licence/> .
@prefix notice: <https://w3id.org/finreg/id/notice/> .
@prefix relationship: <https://w3id.org/finreg/id/relationship/> .
@prefix figure: <https://w3id.org/finreg/id/figure/> .
@prefix metric: <https://w3id.org/finreg/id/metric/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
)

NS = "https://w3id.org/finreg/id/"

ENTITIES = (
    API_PREFIXES
    + f"""
source:news a fr:Source ; dcterms:title "花呗换主体"@zh ; dcterms:publisher "财新"@zh ;
    dcterms:issued "2023-06-01"^^xsd:date ; fr:url "https://example.org/a"^^xsd:anyURI .
source:early a fr:Source ; dcterms:title "Early report"@en ; dcterms:publisher "Reuters"@en ;
    dcterms:issued "2015-03"^^xsd:gYearMonth .

regulator:nfra a fr:Regulator ;
    fr:name [ a fr:Name ; fr:value "国家金融监督管理总局"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:news ] ,
            [ a fr:Name ; fr:value "NFRA"@en ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:news ] .

group:ant a fr:Group ;
    fr:name [ a fr:Name ; fr:value "蚂蚁集团"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:news ] ,
            [ a fr:Name ; fr:value "Ant Group"@en ; fr:nameKind fr:Translation ;
              prov:wasDerivedFrom source:news ] .

company:chongqing a fr:Company ;
    fr:name [ a fr:Name ; fr:value "重庆市蚂蚁小微小额贷款有限公司"@zh ; fr:nameKind fr:LegalName ;
              fr:validFrom "2015-06"^^xsd:gYearMonth ; prov:wasDerivedFrom source:news ;
              {stated_by("source:news", "fr:validFrom", locator="[3]")} ] ,
            [ a fr:Name ; fr:value "重庆阿里小贷"@zh ; fr:nameKind fr:FormerName ;
              fr:validFrom "2013"^^xsd:gYear ; fr:validTo "2015-06"^^xsd:gYearMonth ;
              prov:wasDerivedFrom source:early ;
              {stated_by("source:early", "fr:validFrom", "fr:validTo")} ] ,
            [ a fr:Name ; fr:value "同名公司"@zh ; fr:nameKind fr:Alias ;
              fr:validFrom "2016"^^xsd:gYear ; prov:wasDerivedFrom source:news ;
              {stated_by("source:news", "fr:validFrom")} ] .

company:acf a fr:Company ;
    fr:name [ a fr:Name ; fr:value "重庆蚂蚁消费金融有限公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:news ] ,
            [ a fr:Name ; fr:value "Ant Consumer Finance"@en ; fr:nameKind fr:Translation ;
              prov:wasDerivedFrom source:news ] ,
            [ a fr:Name ; fr:value "同名公司"@zh ; fr:nameKind fr:Alias ;
              prov:wasDerivedFrom source:news ] .

product:huabei a fr:Product ;
    fr:name [ a fr:Name ; fr:value "花呗"@zh ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:news ] ,
            [ a fr:Name ; fr:value "Huabei"@en ; fr:nameKind fr:Translation ;
              prov:wasDerivedFrom source:news ] .

licence:chongqing-online a fr:Licence ; fr:heldBy company:chongqing ; fr:issuedBy regulator:nfra ;
    fr:licenceType "网络小额贷款业务资格"@zh ;
    fr:name [ a fr:Name ; fr:value "网络小贷牌照"@zh ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:news ] .

notice:window a fr:Notice ; fr:issuedBy regulator:nfra ; fr:affects company:chongqing ;
    fr:noticeType "窗口指导"@zh ;
    fr:name [ a fr:Name ; fr:value "关于花呗整改的通知"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:news ] .

metric:balance a fr:Metric ; rdfs:label "贷款余额"@zh , "loan balance"@en .
"""
)

FACTS = (
    API_PREFIXES
    + f"""
relationship:ant-chongqing a fr:Stake ; fr:owner group:ant ; fr:owned company:chongqing ;
    fr:validFrom "2013"^^xsd:gYear ; fr:controlling true ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:validFrom")} .
relationship:chongqing-acf a fr:Stake ; fr:owner company:chongqing ; fr:owned company:acf ;
    fr:validFrom "2021"^^xsd:gYear ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:validFrom")} .
relationship:chongqing-huabei a fr:Operation ; fr:operator company:chongqing ;
    fr:product product:huabei ; fr:validFrom "2015"^^xsd:gYear ;
    fr:validTo "2023-06"^^xsd:gYearMonth ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:validFrom", "fr:validTo")} .
relationship:acf-huabei a fr:Operation ; fr:operator company:acf ; fr:product product:huabei ;
    fr:validFrom "2023-06"^^xsd:gYearMonth ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:validFrom")} .

figure:chongqing-balance a fr:Figure ; fr:figureOf company:chongqing ; fr:metric metric:balance ;
    fr:amount "1234.50"^^xsd:decimal ; fr:unit "亿元" ; fr:date "2020-06-30"^^xsd:date ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:date")} .

event:licence-granted a fr:LicenceGrant ; fr:subject licence:chongqing-online ;
    fr:holder company:chongqing ; fr:issuer regulator:nfra ; fr:date "2013-08"^^xsd:gYearMonth ;
    fr:summary "重庆小贷获网络小贷资格"@zh ; prov:wasDerivedFrom source:early ;
    {stated_by("source:early", "fr:date")} .
event:huabei-launch a fr:ProductLaunch ; fr:subject product:huabei ;
    fr:operator company:chongqing ; fr:date "2015"^^xsd:gYear ;
    fr:summary "花呗上线"@zh , "Huabei launches"@en ; prov:wasDerivedFrom source:early ;
    {stated_by("source:early", "fr:date")} .
event:window-issued a fr:NoticeIssued ; fr:subject notice:window ; fr:issuer regulator:nfra ;
    fr:date "2021-04-12"^^xsd:date ; fr:summary "监管发布窗口指导"@zh ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:date")} .
event:huabei-moves a fr:BusinessTransfer ; fr:transferor company:chongqing ;
    fr:transferee company:acf ; fr:transferredScope product:huabei ;
    fr:notBefore "2022"^^xsd:gYear ; fr:notAfter "2023-06"^^xsd:gYearMonth ;
    fr:deadline "2023-12"^^xsd:gYearMonth ;
    fr:summary "花呗转入消费金融公司"@zh ; fr:reason "监管整改"@zh ;
    prov:wasDerivedFrom source:news , source:early ;
    {stated_by("source:news", "fr:notBefore", "fr:notAfter", "fr:deadline", locator="[7]")} .
event:undated-rumour a fr:OtherEvent ; fr:subject company:acf ;
    fr:summary "传闻"@zh ; prov:wasDerivedFrom source:news .
event:chongqing-liquidation a fr:Liquidation ; fr:subject company:chongqing ;
    fr:date "2024-12-30"^^xsd:date ; fr:summary "重庆小贷清算"@zh ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:date")} .
"""
)

CLAIMS = (
    API_PREFIXES
    + f"""@prefix sector: <{NS}sector/> .

# Claims beside ENTITIES and FACTS (tests.api.conftest.write_claims_graph): what the editors
# inferred, claims that disagree, dates each source states, comparators, bounded ends, notice
# dates and supersession, and a sector with figures over time.

source:register a fr:Source ; dcterms:title "注销公告"@zh ;
    dcterms:publisher "国家企业信用信息公示系统"@zh ; dcterms:issued "2023-10-01"^^xsd:date .

sector:microloan a fr:Sector ;
    fr:name [ a fr:Name ; fr:value "全国小额贷款公司"@zh ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:news ] ,
            [ a fr:Name ; fr:value "Microloan companies in China"@en ;
              fr:nameKind fr:Translation ; prov:wasDerivedFrom source:news ] .

metric:companies a fr:Metric ; rdfs:label "机构数量"@zh , "number of companies"@en .

figure:microloan-count-2015 a fr:Figure ; fr:figureOf sector:microloan ;
    fr:metric metric:companies ; fr:amount "8910"^^xsd:decimal ; fr:unit "家" ;
    fr:date "2015-12"^^xsd:gYearMonth ; prov:wasDerivedFrom source:early ;
    {stated_by("source:early", "fr:date", locator="[2]")} .
figure:microloan-count-2020 a fr:Figure ; fr:figureOf sector:microloan ;
    fr:metric metric:companies ; fr:amount "7118"^^xsd:decimal ; fr:unit "家" ;
    fr:date "2020"^^xsd:gYear ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:date")} .
figure:microloan-count-stated a fr:Figure ; fr:figureOf sector:microloan ;
    fr:metric metric:companies ; fr:amount "5500"^^xsd:decimal ; fr:unit "家" ;
    fr:comparator fr:MoreThan ; fr:date "2023"^^xsd:gYear ;
    fr:conflictsWith figure:microloan-count-inferred ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:date", locator="[4]")} .
figure:microloan-count-inferred a fr:Figure ; fr:figureOf sector:microloan ;
    fr:metric metric:companies ; fr:amount "5300"^^xsd:decimal ; fr:unit "家" ;
    fr:comparator fr:About ; fr:date "2023"^^xsd:gYear ;
    prov:wasDerivedFrom source:register ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:date ;
                   fr:basis "公告发表于2023年，所说的是当年的数字"@zh ,
                            "the notice, published in 2023, speaks of that year"@en ] .
figure:microloan-balance a fr:Figure ; fr:figureOf sector:microloan ;
    fr:metric metric:balance ; fr:amount "7629"^^xsd:decimal ; fr:unit "亿元" ;
    fr:date "2023-12-31"^^xsd:date ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:date")} .

event:sector-shrinks a fr:OtherEvent ; fr:subject sector:microloan ;
    fr:date "2023"^^xsd:gYear ; fr:summary "小贷行业收缩"@zh , "The microloan sector shrinks"@en ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:date")} .

# A company the editors know partly by inference, whose end two sources date differently.
company:gone a fr:Company ;
    fr:name [ a fr:Name ; fr:value "消失小额贷款有限公司"@zh ; fr:nameKind fr:LegalName ;
              fr:validFrom "2016"^^xsd:gYear ; prov:wasDerivedFrom source:news ;
              fr:inference [ a fr:Inference ; fr:inferredProperty fr:validFrom ;
                             fr:basis "该名称首见于2016年的报道"@zh ,
                                      "the name first appears in reports of 2016"@en ] ] .

event:gone-founded a fr:Establishment ; fr:subject company:gone ; fr:date "2016"^^xsd:gYear ;
    fr:summary "消失小贷成立"@zh , "Gone Microloan is founded"@en ;
    prov:wasDerivedFrom source:news ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:date ;
                   fr:basis "其牌照于2017年获批，成立应在此前一年"@zh ,
                            "its licence was granted in 2017, a year after it was founded"@en ] .
event:gone-ceased a fr:BusinessCessation ; fr:subject company:gone ;
    fr:notAfter "2022"^^xsd:gYear ; fr:summary "消失小贷停止放贷"@zh ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:notAfter", locator="[8]")} ;
    fr:inference [ a fr:Inference ;
                   fr:basis "报道只说其不再放贷，未说停业"@zh ,
                            "the report says only that it stopped lending, not trading"@en ] .
event:gone-deregistered a fr:Deregistration ; fr:subject company:gone ;
    fr:date "2023-03-15"^^xsd:date ; fr:summary "消失小贷注销"@zh ;
    fr:conflictsWith event:gone-deregistered-later ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:date", locator="[9]")} .
event:gone-deregistered-later a fr:Deregistration ; fr:subject company:gone ;
    fr:date "2023-09"^^xsd:gYearMonth ; fr:summary "消失小贷注销（公告所记）"@zh ;
    prov:wasDerivedFrom source:register ; {stated_by("source:register", "fr:date")} .

relationship:ant-gone a fr:Stake ; fr:owner group:ant ; fr:owned company:gone ;
    fr:validFrom "2016"^^xsd:gYear ; fr:endNotAfter "2023-09"^^xsd:gYearMonth ;
    prov:wasDerivedFrom source:register ;
    {stated_by("source:register", "fr:validFrom", "fr:endNotAfter")} .

product:gone-loan a fr:Product ;
    fr:name [ a fr:Name ; fr:value "消失贷"@zh ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:news ] .
relationship:gone-loan a fr:Operation ; fr:operator company:gone ; fr:product product:gone-loan ;
    fr:validFrom "2017"^^xsd:gYear ; fr:endNotAfter "2022"^^xsd:gYear ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:validFrom")} ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:endNotAfter ;
                   fr:basis "公司于2022年前停止放贷"@zh ,
                            "the company had stopped lending by 2022"@en ] .

licence:gone-online a fr:Licence ; fr:heldBy company:gone ; fr:issuedBy regulator:nfra ;
    fr:licenceType "网络小额贷款业务资格"@zh ; fr:endNotAfter "2022-12"^^xsd:gYearMonth ;
    fr:name [ a fr:Name ; fr:value "消失小贷网络小贷牌照"@zh ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:news ] ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:endNotAfter", locator="[8]")} .
event:gone-licensed a fr:LicenceGrant ; fr:subject licence:gone-online ;
    fr:holder company:gone ; fr:issuer regulator:nfra ; fr:date "2017"^^xsd:gYear ;
    fr:summary "消失小贷获网络小贷资格"@zh ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:date")} .

# A notice that supersedes another, with the dates it gives, one of them inferred.
notice:old-measures a fr:Notice ; fr:issuedBy regulator:nfra ;
    fr:effectiveFrom "2008"^^xsd:gYear ;
    fr:name [ a fr:Name ; fr:value "小额贷款公司暂行办法"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:early ] ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:effectiveFrom ;
                   fr:basis "发布当年即施行"@zh , "in force from the year it was issued"@en ] .
notice:new-measures a fr:Notice ; fr:issuedBy regulator:nfra ; fr:supersedes notice:old-measures ;
    fr:effectiveFrom "2025-01-01"^^xsd:date ; fr:deadline "2026"^^xsd:gYear ;
    fr:name [ a fr:Name ; fr:value "小额贷款公司监督管理办法"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:register ] ;
    prov:wasDerivedFrom source:register ;
    {stated_by("source:register", "fr:effectiveFrom", "fr:deadline", locator="[2]")} .
"""
)
