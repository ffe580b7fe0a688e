"""`counterclaim demo`: invented sample stories through the running pipeline."""
