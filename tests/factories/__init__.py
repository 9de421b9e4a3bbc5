"""Small factories per app: each test makes the rows it needs (docs/development.md).

Plain functions with keyword defaults. Parties and counties are got or created by slug,
with the demo's names, so a factory works whether or not the `demo` fixture has loaded
the demo content in the same process."""
