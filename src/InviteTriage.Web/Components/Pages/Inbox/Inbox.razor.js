// The inbox's keyboard shortcuts. Keys typed into a field stay there (Escape leaves the field); "/" focuses the search
// here, without a round trip; every other shortcut goes to the page's OnShortcutAsync.
const handled = new Set(["j", "k", "x", "a", "e", "n", "r", "u", "o", "Enter", "Escape", "?"]);

export function listen(page) {
    const onKey = (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
            return;
        }

        const target = event.target;
        const typing = target instanceof HTMLElement
            && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
        if (typing) {
            if (event.key === "Escape") {
                target.blur();
            }
            return;
        }

        // A dialog (such as this list of shortcuts) owns the keyboard while it is open.
        if (document.querySelector(".mud-dialog-container")) {
            return;
        }

        if (event.key === "/") {
            event.preventDefault();
            document.querySelector("input[data-shortcut-search]")?.focus();
            return;
        }

        // Enter on a focused button or link is that button's own click.
        if (event.key === "Enter" && target instanceof HTMLElement && target.closest("button, a")) {
            return;
        }

        if (handled.has(event.key)) {
            event.preventDefault();
            page.invokeMethodAsync("OnShortcutAsync", event.key);
        }
    };

    document.addEventListener("keydown", onKey);
    return { dispose: () => document.removeEventListener("keydown", onKey) };
}

// Keeps the row under the keyboard cursor in view.
export function reveal() {
    document.querySelector(".inbox-cursor")?.scrollIntoView({ block: "nearest" });
}
