"""Issue 8, "A stranger's file cannot hurt you": hostile files through every entry point."""
