"""EcoSafe enforcement service: 企业名录、专项行动、双随机抽查、检查发现、行政处罚与调度表。"""
