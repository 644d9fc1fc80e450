/**
 * Phrase material for generated posts. `{b}` is replaced by a brand reference (@handle, keyword
 * or #hashtag), `{p}` by a product word. Kept brand-agnostic so any configured brand reads well.
 */
export const PRODUCTS = [
  "app",
  "new menu",
  "loyalty card",
  "store",
  "delivery",
  "support team",
  "seasonal drink",
  "checkout",
  "rewards program",
  "latest update",
  "flagship store",
  "customer service",
  "pop-up",
  "subscription",
  "gift card",
  "new flavour",
];

export const TEMPLATES = {
  en: {
    positive: [
      "Just tried the {p} from {b} and honestly it's great",
      "{b} never disappoints. The {p} is 10/10",
      "Shoutout to {b} for the amazing {p} today",
      "Can't stop thinking about the {p} at {b}, so good",
      "The {p} at {b} made my morning",
      "Huge thanks to {b}, their {p} sorted my problem in minutes",
      "Obsessed with the {p} from {b} right now",
      "{b} just gets it. Loving the {p}",
      "Best decision today: going to {b} for the {p}",
      "If you haven't tried the {p} from {b} yet, what are you doing",
      "Really impressed by the {p}, well done {b}",
      "Five stars for {b}, the {p} was perfect",
    ],
    neutral: [
      "Anyone know if the {b} {p} is open on Sundays?",
      "Heading to {b} later, need anything?",
      "Is the {p} from {b} worth it? Asking for a friend",
      "Saw a new {p} at {b} today",
      "{b} changed their {p} again",
      "Does the {b} {p} work outside the US?",
      "Trying the {p} at {b} for the first time tomorrow",
      "Comparing the {p} at {b} with the one down the street",
      "Waiting in line at {b} for the {p}",
      "Reading about the {b} {p} announcement",
    ],
    negative: [
      "Waited 40 minutes at {b} and the {p} was still wrong",
      "Really disappointed with the {p} from {b} today",
      "{b} your {p} has been broken all week, please fix it",
      "Not impressed by the new {p} at {b}. Bring back the old one",
      "Third time the {b} {p} let me down this month",
      "Why is the {p} at {b} so expensive now?",
      "{b} support never answered about my {p}. Terrible",
      "The {p} at {b} was cold and the staff didn't care",
      "Cancelled my {p} with {b}, not worth the hassle",
      "Honestly {b}, the {p} is a mess right now",
    ],
  },
  es: {
    positive: ["Me encanta el {p} de {b}", "Gracias {b}, el {p} está buenísimo", "{b} nunca falla, qué rico el {p}"],
    neutral: ["¿Alguien sabe si {b} abre el domingo?", "Probando el {p} de {b} hoy", "Voy a {b} más tarde"],
    negative: ["Muy decepcionado con el {p} de {b}", "{b} el {p} llegó frío otra vez", "Pésimo servicio en {b} hoy"],
  },
  fr: {
    positive: ["J'adore le {p} de {b}", "Merci {b}, le {p} est parfait", "{b} ne déçoit jamais"],
    neutral: ["Quelqu'un sait si {b} est ouvert dimanche ?", "Je passe chez {b} ce soir", "Nouveau {p} chez {b} aujourd'hui"],
    negative: ["Très déçu par le {p} de {b}", "{b} votre {p} ne marche plus", "Service lamentable chez {b} aujourd'hui"],
  },
} as const;

export type Lang = keyof typeof TEMPLATES;

export const EMOJI = {
  positive: ["😍", "🙌", "🔥", "💯", "😊", "❤️", "👏", "☕", "✨"],
  neutral: ["🤔", "👀", "📍", "🕒", "🙂"],
  negative: ["😡", "😤", "👎", "🙄", "😞", "💸"],
} as const;

export const REPLY_LINES = {
  positive: ["totally agree!", "same here, love it", "this is so true", "yes!! best one"],
  neutral: ["where is this?", "which one did you get?", "good question", "following"],
  negative: ["same thing happened to me", "ugh, not again", "they really need to fix this", "had the same problem"],
} as const;

export const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Femi",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kai",
  "Lina",
  "Marco",
  "Nora",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tara",
  "Uma",
  "Victor",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Leo",
  "Mia",
  "Noah",
  "Ivy",
];
export const LAST_NAMES = [
  "Silva",
  "Nguyen",
  "Martin",
  "Okafor",
  "Rossi",
  "Kim",
  "Schmidt",
  "Garcia",
  "Dubois",
  "Haddad",
  "Novak",
  "Tanaka",
  "Brown",
  "Kowalski",
  "Ali",
  "Larsen",
  "Moreau",
  "Costa",
  "Singh",
  "Walsh",
];
export const SYLLABLES = ["ka", "lo", "mi", "zen", "ru", "ta", "vo", "xi", "po", "ne", "sa", "qu", "li", "do", "fe", "jo", "ba", "ry"];
export const HANDLE_WORDS = ["coffee", "daily", "runs", "eats", "snaps", "codes", "travels", "reads", "music", "plays", "thinks", "fit"];
export const SOURCES = ["Twitter for iPhone", "Twitter for Android", "Twitter Web App", "TweetDeck Web App"];
