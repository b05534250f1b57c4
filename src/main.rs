//! Entry point of the main-thread app bundle.

fn main() {
    keepsake::diagnostics::install_panic_hook();
    keepsake::ui::start();
}
