"""The example queries GraphiQL opens with, one tab each (tests run every one of them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """One GraphiQL tab: a query and its variables (as JSON text)."""

    query: str
    variables: str = ""


HUABEI_LINEAGE = Example(
    query="""# Who has run Huabei (花呗), and every hand-over of business that moved it.
query HuabeiLineage {
  entity(name: "花呗") {
    id
    name
    en: name(lang: "en")
    ... on Product {
      operators { name }
    }
  }
  lineage(name: "花呗") {
    depth
    date
    notAfter
    from { name }
    to { name }
    business { name }
    event {
      summary
      citations { locator source { title publisher published url } }
    }
  }
}
"""
)

LICENCE_HISTORY = Example(
    query="""# The licences a company holds, and what happened to each of them.
query LicenceHistory($company: String!) {
  entity(name: $company) {
    name
    ... on Company {
      status
      licences {
        name
        licenceType
        issuer { name }
        status
        timeline { kind date notAfter summary sources { title published } }
      }
    }
  }
}
""",
    variables='{"company": "浙江阿里巴巴小额贷款股份有限公司"}',
)

NFRA_NOTICES = Example(
    query="""# The notices of the National Financial Regulatory Administration (NFRA), newest first.
query NfraNotices {
  entity(name: "国家金融监督管理总局") {
    name
    en: name(lang: "en")
    ... on Regulator {
      notices {
        name
        issued
        noticeType
        affects { kind name }
        sources { title publisher published url }
      }
    }
  }
}
"""
)

EXAMPLES = (HUABEI_LINEAGE, LICENCE_HISTORY, NFRA_NOTICES)
"""GraphiQL's default tabs, in order."""
