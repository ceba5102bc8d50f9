"""Official reports (调度表与报表): read models of hazard and enforcement events, their use cases and renderings."""
