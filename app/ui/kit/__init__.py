"""The shared kit every module is built on."""
