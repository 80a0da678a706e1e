"""The inventory: the bundled ``lca_data``, the app's Brightway project and user databases.

The modules build on each other in layers; a module imports only from the
layers below it (an import-linter contract in ``pyproject.toml`` checks it; modules
on one line are independent of each other)::

    template                            build the ready-built copy (the installer runs
      |                                 python -m greendesign.inventory.template)
    brightway_setup | lca.background    set up the whole local inventory | the fast path
      |
      |  user databases
    user_databases                      import, refresh, remove: their public face
    user_readers | product_check        EcoSpold 2, Excel, Brightway | a product's codes
    ecospold1_reader | user_catalogue   EcoSpold 1 | the catalogue with user datasets
    user_registry                       what was imported, references, end of life
      |
      |  the app's Brightway project, bundled data only
    bw_databases | template_install     write the bundled data | unpack the ready-built copy
    brightway_project                   open it, one writer at a time, is it complete
      |
      |  the lca_data readers
    datasets                            USLCI and the catalogue datasets: the numbers
    reference_data                      cited values: properties, end of life, GWP, grids
    catalogue                           the bundled dataset catalogue: codes, names, search
    csv_tables                          the one reader of lca_data's CSV tables
    families                            end-of-life families: codes, names in messages

The bottom layer reads ``lca_data`` and imports neither Brightway nor Qt; the
Brightway layer knows only the bundled inventory; the user-database layer adds
what the designer imported. No module imports Brightway at import time: it is
loaded when a function needs it, so the app's window opens without it.
"""
