"""The word pools generated names are made of: brand characters, regions, company types,
product words, regulators, publishers and notice types (Chinese, with English and slug forms)."""

from __future__ import annotations

# Common characters in Chinese company names (GeneratorBase computes their pinyin once).
BRAND_CHARS = (
    "星辰华信融达汇通安瑞和泰富盛鑫恒宏隆兴鼎诚祥德嘉佳丰源金宝中天海远博捷易优美利众新联合"
    "成创智云昌顺腾飞龙凤光明晨阳辉煌旭东南北西江河山川林森松竹梅兰菊春夏秋冬长久永康乐福"
    "禄寿喜庆吉元亨贞正大方圆"
)
REGIONS = [
    ("重庆市", "Chongqing", "chongqing"),
    ("浙江", "Zhejiang", "zhejiang"),
    ("上海", "Shanghai", "shanghai"),
    ("北京", "Beijing", "beijing"),
    ("深圳市", "Shenzhen", "shenzhen"),
    ("广州市", "Guangzhou", "guangzhou"),
    ("宁波", "Ningbo", "ningbo"),
    ("天津", "Tianjin", "tianjin"),
    ("南京", "Nanjing", "nanjing"),
    ("成都", "Chengdu", "chengdu"),
    ("武汉", "Wuhan", "wuhan"),
    ("厦门", "Xiamen", "xiamen"),
]
# (legal suffix zh, short suffix zh, English, slug word)
COMPANY_TYPES = [
    ("小额贷款有限公司", "小贷", "Microloan Co., Ltd.", "microloan"),
    ("网络小额贷款有限公司", "网贷", "Online Microloan Co., Ltd.", "online-microloan"),
    ("消费金融股份有限公司", "消金", "Consumer Finance Co., Ltd.", "consumer-finance"),
    ("融资担保有限公司", "担保", "Financing Guarantee Co., Ltd.", "guarantee"),
    ("科技有限公司", "科技", "Technology Co., Ltd.", "technology"),
    ("商业银行股份有限公司", "银行", "Commercial Bank Co., Ltd.", "bank"),
]
PRODUCT_WORDS = [
    ("贷", "Loan", "loan"),
    ("花", "Pay Later", "paylater"),
    ("分期", "Instalments", "instalments"),
    ("借", "Borrow", "borrow"),
    ("付", "Pay", "pay"),
]
REGULATORS = [
    (
        "nfra",
        "国家金融监督管理总局",
        "金融监管总局",
        "National Financial Regulatory Administration",
    ),
    ("pboc", "中国人民银行", "人民银行", "People's Bank of China"),
    ("csrc", "中国证券监督管理委员会", "证监会", "China Securities Regulatory Commission"),
    (
        "chongqing-lfa",
        "重庆市地方金融管理局",
        "重庆金融局",
        "Chongqing Local Financial Administration",
    ),
    (
        "shanghai-lfa",
        "上海市地方金融管理局",
        "上海金融局",
        "Shanghai Local Financial Administration",
    ),
    ("beijing-lfa", "北京市地方金融管理局", "北京金融局", "Beijing Local Financial Administration"),
    (
        "zhejiang-lfa",
        "浙江省地方金融管理局",
        "浙江金融局",
        "Zhejiang Local Financial Administration",
    ),
    (
        "shenzhen-lfa",
        "深圳市地方金融管理局",
        "深圳金融局",
        "Shenzhen Local Financial Administration",
    ),
]
PUBLISHERS = [
    "经济网",
    "21世纪经济报道",
    "国际金融报",
    "贝壳财经",
    "经济观察网",
    "财新",
    "第一财经",
    "证券时报",
    "中国证券报",
    "新京报",
]
NOTICE_TYPES = [
    ("暂行办法", "interim measures"),
    ("通知", "notice"),
    ("监管指导", "supervisory guidance"),
    ("名单", "list"),
    ("征求意见稿", "consultation draft"),
]
