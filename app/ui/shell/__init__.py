"""The application shell: main window, module registry, change hub."""
