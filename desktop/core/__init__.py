"""Qt-free core: engine, prompting, think parsing, GGUF inspection."""
