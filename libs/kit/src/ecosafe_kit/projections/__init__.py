"""Read-model projections: applied in the writer's transaction, and rebuilt from the service's own store."""

from ecosafe_kit.projections.projection import Projection, apply_stored
from ecosafe_kit.projections.rebuild import rebuild

__all__ = ["Projection", "apply_stored", "rebuild"]
