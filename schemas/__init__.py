"""The contract between Counterclaim's producers, workers and consumers.

Every topic's payload is a frozen pydantic model defined here; the JSON Schema
files beside this package are generated from them (`python -m schemas.generate`).
"""
