"""Root fields, grouped by domain; api.schema joins them into one Query."""
