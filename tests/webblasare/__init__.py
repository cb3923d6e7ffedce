"""Tillgänglighetstester i en riktig webbläsare (axe-core, Nu Html Checker, tangentbord)."""
