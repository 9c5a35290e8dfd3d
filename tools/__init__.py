"""Development tools (not shipped): import-linter contract types."""
