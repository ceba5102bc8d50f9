"""EcoSafe risk-map service: 园区、企业三道防线、河流与一河一策一图、突发事件关联分析。"""
