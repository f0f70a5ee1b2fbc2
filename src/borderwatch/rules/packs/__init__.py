"""Built-in rule packs (YAML), shipped as package data."""
