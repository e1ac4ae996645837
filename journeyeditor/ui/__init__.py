"""Views and dialogs of the main window; they change the map only through the Document."""
