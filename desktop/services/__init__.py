"""QObjects without widgets: inference worker, settings, model list."""
