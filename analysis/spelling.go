package analysis

// correctSpelling maps a lower-case word to the spelling the taxonomy and
// lexicons are written in. Parents write on phones, in a hurry and often
// upset; the words that matter most here (diagnosis, paediatrician,
// SENCO, CAMHS) are long or unfamiliar and get mistyped in the same few
// ways. text.Stem then folds British and American spellings.
func correctSpelling(w string) string {
	if v, ok := misspellings[w]; ok {
		return v
	}
	return w
}

// misspellings lists mistypings seen in parents' comments and the word
// meant. Only words that carry meaning for coding are listed: a typo in
// an ordinary word costs nothing.
var misspellings = map[string]string{
	// autism and ADHD
	"autisim": "autism", "autisum": "autism", "austism": "autism", "autsim": "autism",
	"autim": "autism", "autismn": "autism", "aurism": "autism", "autisms": "autism",
	"autisic": "autistic", "autisitc": "autistic", "autstic": "autistic", "austistic": "autistic",
	"autisitic": "autistic", "autistc": "autistic", "autistics": "autistic",
	"aspergers": "asperger", "asbergers": "asperger", "aspergas": "asperger", "aspies": "asperger",
	"adhd's": "adhd", "adhs": "adhd", "ahdh": "adhd",
	"meltdows": "meltdowns", "meltdow": "meltdown",
	"neurodivergant": "neurodivergent", "nuerodivergent": "neurodivergent",
	// diagnosis and assessment
	"diagnoses": "diagnosis", "diagnois": "diagnosis", "dignosis": "diagnosis", "diagnosys": "diagnosis",
	"diganosis": "diagnosis", "diagnossis": "diagnosis", "diagonsis": "diagnosis", "diagnosisis": "diagnosis",
	"diagnosies": "diagnosis", "diagnisis": "diagnosis", "dx": "diagnosis",
	"diagnossed": "diagnosed", "diagnosied": "diagnosed", "diagnoised": "diagnosed", "dignosed": "diagnosed",
	"diagonsed": "diagnosed", "diagnosised": "diagnosed", "diagnost": "diagnosed",
	"assesment": "assessment", "asessment": "assessment", "assessmemt": "assessment", "assesmemt": "assessment",
	"assessmnet": "assessment", "assesssment": "assessment", "asesment": "assessment", "assessent": "assessment",
	"assesments": "assessments", "asessments": "assessments", "assesed": "assessed", "asessed": "assessed",
	"referal": "referral", "refferal": "referral", "referall": "referral", "refferral": "referral",
	"reffered": "referred", "refered": "referred", "referals": "referrals",
	// health
	"pediatrician": "paediatrician", "peadiatrician": "paediatrician", "paeditrician": "paediatrician",
	"paediatrican": "paediatrician", "peadiatrition": "paediatrician", "pediatrition": "paediatrician",
	"paediatrition": "paediatrician", "peadatrician": "paediatrician", "paeditrican": "paediatrician",
	"pead": "paediatrician", "peads": "paediatrics", "paeds": "paediatrics", "paed": "paediatrician",
	"peadiatrics": "paediatrics", "peadiatric": "paediatric", "pediatrics": "paediatrics", "pediatric": "paediatric",
	"cahms": "camhs", "camhs's": "camhs", "camh": "camhs", "chams": "camhs", "cahm": "camhs",
	"camhs'": "camhs", "cmhs": "camhs",
	"theraphy": "therapy", "therepy": "therapy", "theraphist": "therapist", "therapys": "therapy",
	"therapie": "therapy", "therapist's": "therapist", "therpist": "therapist", "therapyst": "therapist",
	"speach": "speech", "speeh": "speech",
	"langauge": "language", "langugae": "language", "languge": "language", "langage": "language", "lang": "language",
	"phycologist": "psychologist", "psycologist": "psychologist", "pyschologist": "psychologist",
	"physcologist": "psychologist", "psycholgist": "psychologist", "phsycologist": "psychologist",
	"psychiatrist's": "psychiatrist", "psychiatrict": "psychiatrist", "pyschiatrist": "psychiatrist",
	"phyisio": "physio", "phsyio": "physio", "pysio": "physio", "fisio": "physio", "physios": "physio",
	"occupatinal": "occupational", "occupationl": "occupational", "ocupational": "occupational",
	"appointmnet": "appointment", "appoinment": "appointment", "appointmet": "appointment",
	"apointment": "appointment", "appt": "appointment", "appts": "appointments", "appoitment": "appointment",
	"appointmnets": "appointments", "apointments": "appointments", "appoinments": "appointments",
	"medicaton": "medication", "medicatio": "medication", "medecation": "medication", "meds": "medication",
	"medicaiton": "medication", "perscription": "prescription", "prescribtion": "prescription",
	"hosptial": "hospital", "hospitol": "hospital", "hopsital": "hospital",
	"docter": "doctor", "doctore": "doctor", "drs": "doctor",
	"nhs's": "nhs", "g.p": "gp", "gps": "gp", "gp's": "gp",
	"wheelchar": "wheelchair", "weelchair": "wheelchair",
	"pyschiatric": "psychiatric", "phsychiatric": "psychiatric",
	// education
	"sendco": "senco", "sendcos": "senco", "sencos": "senco", "senco's": "senco", "sendco's": "senco",
	"senc0": "senco", "sencoe": "senco", "senko": "senco",
	"echp": "ehcp", "ehpc": "ehcp", "ehcps": "ehcp", "ehcp's": "ehcp", "ehc's": "ehc", "echps": "ehcp",
	"ehcps'": "ehcp", "ehcnas": "ehcna",
	"shcool": "school", "scool": "school", "skool": "school", "schoool": "school", "schol": "school",
	"scholl": "school", "schoo": "school", "sch": "school", "shool": "school", "schools'": "schools",
	"teachr": "teacher", "teachers'": "teachers", "teachs": "teachers",
	"headteacher's": "headteacher", "headmistress": "headteacher", "headmaster": "headteacher", "headteachers": "headteacher",
	"tribunel": "tribunal", "tribunial": "tribunal", "tribual": "tribunal",
	"educaton": "education", "eduction": "education", "edication": "education", "educatoin": "education",
	"excluison": "exclusion", "exlcuded": "excluded", "exluded": "excluded", "exculded": "excluded",
	"timtable": "timetable", "timetabel": "timetable",
	"nursey": "nursery", "nurserys": "nursery",
	"mainsteam": "mainstream", "mainsream": "mainstream",
	// social care
	"socail": "social", "soical": "social", "socal": "social",
	"respit": "respite", "respete": "respite", "resbite": "respite",
	"servises": "services", "sevices": "services", "serivces": "services", "servcies": "services",
	"assistance's": "assistance",
	// preparing for adulthood
	"colledge": "college", "collage": "college", "collge": "college", "colege": "college", "collegue": "college",
	"aprenticeship": "apprenticeship", "apprenticship": "apprenticeship", "apprentership": "apprenticeship",
	"internhip": "internship",
	// how things went
	"recieve": "receive", "recieved": "received", "recived": "received", "recieving": "receiving",
	"wating": "waiting", "waitng": "waiting", "waitin": "waiting", "waitied": "waited", "waitting": "waiting",
	"suport": "support", "supprt": "support", "suppport": "support", "supoort": "support", "suppot": "support",
	"suported": "supported", "supportve": "supportive", "suportive": "supportive",
	"listend": "listened", "lisened": "listened", "listern": "listen", "lisen": "listen",
	"brillant": "brilliant", "brilient": "brilliant", "brilliantly": "brilliant", "briliant": "brilliant",
	"amazin": "amazing", "amzing": "amazing", "amaizing": "amazing",
	"fantasic": "fantastic", "fantastc": "fantastic", "exellent": "excellent", "excelent": "excellent",
	"awfull": "awful", "aweful": "awful", "terible": "terrible", "horendous": "horrendous",
	"disgracefull": "disgraceful", "usless": "useless", "useles": "useless",
	"dissapointed": "disappointed", "disapointed": "disappointed", "disappointing": "disappointing",
	"greatful": "grateful", "gratefull": "grateful",
	"definately":   "definitely",
	"commuication": "communication", "comunication": "communication", "communcation": "communication",
	"informaton": "information", "infomation": "information", "imformation": "information",
	"dont": "don't", "didnt": "didn't", "doesnt": "doesn't", "wasnt": "wasn't", "isnt": "isn't",
	"cant": "can't", "wont": "won't", "havent": "haven't", "hasnt": "hasn't", "couldnt": "couldn't",
	"wouldnt": "wouldn't", "shouldnt": "shouldn't", "arent": "aren't", "werent": "weren't", "hadnt": "hadn't",
	"aint": "ain't", "noone": "nobody",
	"im": "i'm", "ive": "i've", "hes": "he's", "shes": "she's", "theyre": "they're", "weve": "we've",
	"brill": "brilliant", "fab": "fabulous", "gr8": "great", "grt": "great", "v": "very",
	"u": "you", "ur": "your", "r": "are", "thx": "thanks", "tnx": "thanks", "ty": "thanks",
	"pls": "please", "plz": "please", "nowt": "nothing", "owt": "anything", "yrs": "years", "yr": "year",
	"mths": "months", "mnths": "months", "mth": "month", "wks": "weeks", "wk": "week", "hrs": "hours",
	"suicidle": "suicidal", "sucidal": "suicidal",
	"sucide": "suicide", "suiside": "suicide",
}
