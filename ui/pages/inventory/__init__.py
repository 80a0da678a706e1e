"""The Inventory page: the bundled and user datasets, their details, and importing user databases."""
