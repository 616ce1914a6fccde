// Placeholder: written in this change.
