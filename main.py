"""``python main.py`` does what ``kehu`` does."""

from app.cli import entry

if __name__ == "__main__":
    entry()
