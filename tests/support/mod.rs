pub mod bot;
pub mod fake_tg;
pub mod lazyfs;
pub mod world;
