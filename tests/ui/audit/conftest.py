"""The audit-log screen tests share the administration screens' fixtures."""

from ..admin.conftest import env, sync_runner

__all__ = ["env", "sync_runner"]
