"""Work behind the pages: the LCA service and its job thread, the inventory set-up, material names."""
