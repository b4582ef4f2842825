"""Qt-free storage: SQLite history with one owner."""
