"""The archive: database models, migrations, content-addressed blob storage and the queries researchers
need. Imports nothing of `monitor` or `crawler`."""
