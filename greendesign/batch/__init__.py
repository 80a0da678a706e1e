"""Batch assessment of many projects and BOMs on Dask distributed (``greendesign-cli batch``).

:func:`~greendesign.batch.runner.run_batch` runs the tasks of
:mod:`~greendesign.batch.manifest` (a folder, a manifest, or ready products) and keeps
each design's results in the store of :mod:`~greendesign.batch.store`; see
``docs/scaling.md``.
"""
