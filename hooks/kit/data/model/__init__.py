"""The models and what editors read about them: field types, entry models, labels, forms, messages."""
