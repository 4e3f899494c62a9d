//! Replies are data: a message id with arguments per line, and buttons. The l10n
//! layer turns them into text at the edge.

use super::action::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as is: prices already formatted as plain numbers, codes, dates.
    Text(String),
    /// A number (Fluent may select plural forms on it).
    Num(i64),
    /// Another message, rendered in the same language.
    Line(Line),
    /// Several messages joined by the locale's `list-sep` ("a, b and c").
    List(Vec<Line>),
    /// Alternatives joined by the locale's `list-or` ("a or b").
    Alt(Vec<Line>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: String,
    pub args: Vec<(&'static str, Arg)>,
    /// Render in this language instead of the user's (the language picker shows
    /// each language in its own script).
    pub lang: Option<String>,
}

impl Line {
    pub fn new(id: impl Into<String>) -> Line {
        Line {
            id: id.into(),
            args: Vec::new(),
            lang: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: Arg) -> Line {
        self.args.push((name, value));
        self
    }

    pub fn text(self, name: &'static str, value: impl Into<String>) -> Line {
        self.arg(name, Arg::Text(value.into()))
    }

    pub fn line(self, name: &'static str, value: Line) -> Line {
        self.arg(name, Arg::Line(value))
    }

    pub fn in_lang(mut self, lang: &str) -> Line {
        self.lang = Some(lang.to_string());
        self
    }

    /// Text shown exactly as given: a staff member's broadcast text in its
    /// preview (issue 3). An ordinary message (`bc-verbatim = { $text }` in
    /// every locale) whose one variable is the text, so rendering needs no
    /// special case: Fluent inserts a variable's value as it is.
    pub fn verbatim(text: impl Into<String>) -> Line {
        Line::new(super::msg::BC_VERBATIM).text("text", text)
    }

    /// The text of a [`Line::verbatim`].
    pub fn as_verbatim(&self) -> Option<&str> {
        match (self.id.as_str(), self.args.as_slice()) {
            (super::msg::BC_VERBATIM, [("text", Arg::Text(t))]) => Some(t),
            _ => None,
        }
    }

    /// The keyword key of this line used as a button label.
    pub fn label_key(&self) -> String {
        match &self.lang {
            Some(l) => format!("{}@{l}", self.id),
            None => self.id.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub label: Line,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
    pub lines: Vec<Line>,
    /// Rows of buttons; typed number N picks the N-th button in reading order.
    pub buttons: Vec<Vec<Button>>,
    /// How the edge delivers it after a button press: `false` (the default) is
    /// a screen, which may replace the message the pressed button sat on;
    /// `true` is a message worth keeping (an FAQ answer, hand-over, staff's
    /// words, an announcement), always sent new. Typed input always gets new
    /// messages, and only a press's first reply may replace its screen.
    pub keep: bool,
}

impl Reply {
    pub fn line(mut self, l: Line) -> Reply {
        self.lines.push(l);
        self
    }

    pub fn row(mut self, row: Vec<Button>) -> Reply {
        if !row.is_empty() {
            self.buttons.push(row);
        }
        self
    }

    /// One row for each button (choices whose labels are sentences).
    pub fn column(mut self, buttons: Vec<Button>) -> Reply {
        self.buttons.extend(buttons.into_iter().map(|b| vec![b]));
        self
    }

    /// This reply stays in the chat as a new message (see [`Reply::keep`]).
    pub fn kept(mut self) -> Reply {
        self.keep = true;
        self
    }

    pub fn flat_buttons(&self) -> impl Iterator<Item = &Button> {
        self.buttons.iter().flatten()
    }
}

pub fn button(label: Line, action: Action) -> Button {
    Button { label, action }
}
