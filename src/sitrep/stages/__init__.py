"""One module per stage; each exposes ``STAGE`` (see :func:`sitrep.pipeline.stage`) and writes one layer."""
