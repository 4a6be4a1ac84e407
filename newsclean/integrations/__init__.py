"""Bridges to other tools (Dask...); each module imports its tool only when imported itself."""
