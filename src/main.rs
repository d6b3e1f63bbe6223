fn main() {
    #[cfg(target_arch = "wasm32")]
    redirect_doctor::mount();
    #[cfg(all(not(target_arch = "wasm32"), feature = "cli"))]
    std::process::exit(redirect_doctor::cli::main());
    #[cfg(all(not(target_arch = "wasm32"), not(feature = "cli")))]
    eprintln!("redirect-doctor: build with --features cli for the command line");
}
