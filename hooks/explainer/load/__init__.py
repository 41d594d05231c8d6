"""Reading the data files: YAML and CSV with the line of every field, validated into a Dataset."""
