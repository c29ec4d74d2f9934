"""Reading the data files and news posts: strict YAML with lines and columns, typed by the kinds."""
