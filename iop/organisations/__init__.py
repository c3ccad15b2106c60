"""Civil-society organisations (idéburna organisationer) and their contact persons."""
