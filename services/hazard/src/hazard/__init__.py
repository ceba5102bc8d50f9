"""EcoSafe hazard service: 重大事故隐患台账及 发现→交办→整改→督查→销号 闭环管理。"""
