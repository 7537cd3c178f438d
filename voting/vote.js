// The phone's vote page (voting/page.py puts it inline, named by its hash in the CSP).
(function(){
"use strict";
var form=document.getElementById("vote"),code=document.getElementById("code"),
  question=document.getElementById("question"),status=document.getElementById("status"),
  send=document.getElementById("send"),answers=document.getElementById("answers"),
  ask=document.getElementById("ask"),priorityField=document.getElementById("priority-field"),
  store=null,memory={},missing="",subject="challenge",voted=false;
try{store=window.localStorage;store.getItem("x");}catch(e){store=null;}
function get(k){return store?store.getItem(k):memory[k]||null;}
function put(k,v){if(store){store.setItem(k,v);}else{memory[k]=v;}}
function device(){
  var t=get("__DEVICE__");
  if(!t||!/^[A-Za-z0-9_-]{16,128}$/.test(t)){
    var b=new Uint8Array(16);window.crypto.getRandomValues(b);
    t=Array.prototype.map.call(b,function(x){return("0"+x.toString(16)).slice(-2);}).join("");
    put("__DEVICE__",t);
  }
  return t;
}
var base=window.location.pathname.replace(/\/+$/,"")+"/api/";
function say(text,kind){status.textContent=text;status.className=kind||"";}
// Once a vote is sent, its reply keeps the status line until another code is typed: a look at
// the code's state, answered later (it may have been asked before the vote), never covers it.
function tell(text){if(!voted){say(text,"refused");}}
function typed(){return code.value.replace(/\s+/g,"").toUpperCase();}
var group=get("__GROUP__");
if(group){var g=form.querySelector('input[name="group"][value="'+CSS.escape(group)+'"]');
  if(g){g.checked=true;}}
// The answers the code's question takes, built as text: a statement's differ from stages.
function show(body){
  subject=body.subject||"challenge";
  priorityField.hidden=subject!=="challenge";
  if(body.ask){ask.textContent=body.ask;}
  var shown=Array.prototype.map.call(answers.querySelectorAll('input[name="answer"]'),
    function(i){return i.value;}).join(" "),
    wanted=(body.choices||[]).map(function(c){return c.value;}).join(" ");
  if(!wanted||shown===wanted){return;}
  var checked=answers.querySelector('input[name="answer"]:checked');
  Array.prototype.forEach.call(answers.querySelectorAll("label.choice"),function(l){l.remove();});
  body.choices.forEach(function(c){
    var label=document.createElement("label"),input=document.createElement("input"),
      words=document.createElement("span");
    label.className="choice stage";input.type="radio";input.name="answer";input.value=c.value;
    input.checked=!!checked&&checked.value===c.value;
    words.textContent=c.label;
    if(c.hint){var hint=document.createElement("span");hint.className="hint";
      words.appendChild(document.createTextNode(" "));
      hint.textContent=c.hint;words.appendChild(hint);}
    label.appendChild(input);label.appendChild(words);answers.appendChild(label);
  });
}
function look(){
  var c=typed();
  if(c.length!==4){question.textContent="";return;}
  if(c===missing){return;}  // asked already: no such code; ask again only once it is retyped
  fetch(base+"state?code="+encodeURIComponent(c),{cache:"no-store"}).then(function(r){
    return r.json().then(function(body){
      if(!r.ok){question.textContent="";tell(body.message);
        if(body.field==="code"){missing=c;}return;}
      show(body);
      question.textContent="Voting on "+body.title+(body.status==="open"?"":" (this vote has closed)");
      if(body.status!=="open"){tell("This vote has closed. Wait for the next code on the screen at the front.");}
    });
  }).catch(function(){});
}
code.addEventListener("change",look);
code.addEventListener("input",function(){missing="";voted=false;if(typed().length===4){look();}});
form.addEventListener("submit",function(ev){
  ev.preventDefault();
  var g=form.querySelector('input[name="group"]:checked'),
    a=form.querySelector('input[name="answer"]:checked'),p=form.priority.value;
  if(typed().length!==4){say("Type the 4-letter code shown on the screen at the front.","refused");code.focus();return;}
  if(!g){say("Choose the group you are in.","refused");form.querySelector('input[name="group"]').focus();return;}
  if(!a){say("Choose your answer, or Not sure.","refused");form.querySelector('input[name="answer"]').focus();return;}
  put("__GROUP__",g.value);
  voted=true;send.disabled=true;say("Sending your vote...");
  fetch(base+"cast",{method:"POST",headers:{"Content-Type":"application/json"},cache:"no-store",
    body:JSON.stringify({code:typed(),device:device(),group:g.value,answer:a.value,
      priority:p&&subject==="challenge"?Number(p):null})
  }).then(function(r){return r.json().then(function(body){
      say(body.message,r.ok?"stored":"refused");});
  }).catch(function(){say("Your vote could not be sent: check the phone is on the room's network, then press Send again.","refused");
  }).then(function(){send.disabled=false;});
});
if(typed().length===4){look();}
window.setInterval(function(){if(!document.hidden){look();}},5000);
})();
