"""Files: opening and checking `.journey` databases, migrations, interchange, templates."""
