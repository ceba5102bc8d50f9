"""EcoSafe notify service: 事件分发、值班表、确认与升级、提醒与预警、指挥中心实时推送。"""
