"""The customer screens: list, filters, form, contacts."""
