"""Private SPARQL servers that the tests start on loopback."""
