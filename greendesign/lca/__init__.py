"""Cradle-to-grave LCA: lifecycle model, fast engine, Brightway reference path, uncertainty."""
