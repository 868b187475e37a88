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
