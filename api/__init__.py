"""finreg's GraphQL API: strawberry types over kg, served by Starlette.

``api.schema.build_schema`` builds the schema, ``api.app.create_app`` the ASGI app and
``api.server.serve`` runs it under uvicorn.
"""
