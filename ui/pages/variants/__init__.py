"""The Variants page: the comparison of design variants, its chart, tables and paired Monte Carlo."""
