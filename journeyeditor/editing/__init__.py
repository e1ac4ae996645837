"""The Document service and the undoable commands: the only writer of a project."""
