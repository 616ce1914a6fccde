// Placeholder: written in this change.
int main() { return 0; }
